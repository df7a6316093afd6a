from django.urls import path

from public.oai import views

app_name = "oai"

urlpatterns = [path("", views.endpoint, name="endpoint")]
