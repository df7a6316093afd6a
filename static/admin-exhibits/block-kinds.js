"use strict";
// Shows only the fields a block's kind uses (exhibits.models.Block), on the section's block
// inline and on a block's own page. Hidden fields keep their values; a field with an error stays
// visible.
{
    const FIELDS = {
        text: ["body"],
        quote: ["body", "attribution"],
        record: ["caption", "person", "document", "photograph", "photograph_thumbnail", "trial", "event"],
        gallery: ["caption", "extras"],
        timeline: ["timeline_events", "timeline_start_year", "timeline_end_year"],
        person: ["person", "caption"],
        trial: ["trial", "caption"],
        search: ["featured_search"],
    };
    const MANAGED = new Set(Object.values(FIELDS).flat());

    function fieldNames(el) {
        return Array.from(el.classList)
            .filter((name) => name.startsWith("field-"))
            .map((name) => name.slice("field-".length));
    }

    function ownElements(scope, selector, inInline) {
        // On a block's own page, leave the gallery and citation inlines alone.
        return Array.from(scope.querySelectorAll(selector)).filter(
            (el) => inInline || !el.closest(".inline-group"),
        );
    }

    function update(select) {
        const inInline = select.closest(".inline-related");
        const scope = inInline || select.form;
        const shown = FIELDS[select.value];
        if (!scope || !shown) {
            return;
        }
        const visible = (name) =>
            !MANAGED.has(name) || shown.includes(name);
        for (const row of ownElements(scope, ".form-row", inInline)) {
            const boxes = row.querySelectorAll(".fieldBox");
            const erring = row.querySelector(".errorlist, .errors");
            if (boxes.length) {
                boxes.forEach((box) => {
                    box.hidden = !fieldNames(box).some(visible) && !box.querySelector(".errorlist");
                });
                row.hidden = Array.from(boxes).every((box) => box.hidden);
            } else {
                row.hidden = !fieldNames(row).some(visible) && !erring;
            }
        }
        for (const fieldset of ownElements(scope, "fieldset.module", inInline)) {
            const rows = fieldset.querySelectorAll(".form-row");
            fieldset.hidden = rows.length > 0 && Array.from(rows).every((row) => row.hidden);
        }
    }

    function isKindSelect(el) {
        return el instanceof HTMLSelectElement && /(^|-)kind$/.test(el.name) && !el.name.includes("__prefix__");
    }

    document.addEventListener("change", (event) => {
        if (isKindSelect(event.target)) {
            update(event.target);
        }
    });
    document.addEventListener("formset:added", (event) => {
        event.target.querySelectorAll("select").forEach((el) => isKindSelect(el) && update(el));
    });
    const start = () => document.querySelectorAll("select").forEach((el) => isKindSelect(el) && update(el));
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
}
