// The clipboard's "Add to clipboard" / "Remove from clipboard" buttons, in place: each is a form
// that works without this script (it posts and comes back to the page); here it is sent with
// fetch and the answer (JSON, public/clipboard/views.py) changes the button, the header's count
// and the status line, which screen readers announce. If fetch fails, the form is sent as usual.
(function () {
  "use strict";

  function show(data) {
    if (typeof data.count === "number") {
      document.querySelectorAll("[data-clipboard-count]").forEach(function (element) {
        element.textContent = String(data.count);
      });
    }
    const status = document.querySelector("[data-clipboard-status]");
    if (status && data.message) {
      status.textContent = data.message;
    }
  }

  function update(form, data) {
    if (typeof data.in_clipboard !== "boolean") {
      return;
    }
    // Every button of the same item on the page (a record listed twice) follows.
    const kind = form.elements.kind.value;
    const id = form.elements.id.value;
    document.querySelectorAll("form[data-clipboard-toggle]").forEach(function (other) {
      if (other.elements.kind.value === kind && other.elements.id.value === id) {
        other.action = data.action;
        other.querySelector("[data-clipboard-label]").textContent = data.label;
        other.dataset.inClipboard = String(data.in_clipboard);
      }
    });
  }

  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-clipboard-toggle")) {
      return;
    }
    if (!window.fetch) {
      return;
    }
    event.preventDefault();
    const button = form.querySelector("button");
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        const type = response.headers.get("Content-Type") || "";
        if (!type.startsWith("application/json")) {
          throw new Error("not a clipboard answer");
        }
        return response.json();
      })
      .then(function (data) {
        button.disabled = false;
        update(form, data);
        show(data);
      })
      .catch(function () {
        button.disabled = false;
        HTMLFormElement.prototype.submit.call(form);
      });
  });
})();
