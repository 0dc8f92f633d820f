// A report's page in the admin. After an action the page reloads at the section the officer was working in (the
// form's address ends in #notes, #actions, #refer...). This puts Wagtail's message for that action at the top of
// that section and moves focus to it, so it is seen and read out where the officer is; and when a form came back
// with an error, it opens the folded part holding it and moves focus to the field. Without this file the message
// stays at the top of the page and the browser still scrolls to the section.
(function () {
  "use strict";

  // Chromium clears focus once the page has jumped to the section in its address (the #...). Until the officer
  // presses a key or the pointer, focus that is lost that way goes back, once, to where this file put it.
  function focusAndKeep(element) {
    var interacted = false;
    function onInteraction() {
      interacted = true;
    }
    document.addEventListener("keydown", onInteraction, { capture: true, once: true });
    document.addEventListener("pointerdown", onInteraction, { capture: true, once: true });
    element.addEventListener(
      "blur",
      function (event) {
        if (!interacted && !event.relatedTarget) {
          window.setTimeout(function () {
            if (document.activeElement === document.body || document.activeElement === null) {
              element.focus();
            }
          }, 0);
        }
      },
      { once: true }
    );
    element.focus();
  }

  function openFoldAround(element) {
    var fold = element.closest("details");
    if (fold) {
      fold.open = true;
    }
  }

  function focusFirstError(page) {
    var errors = page.querySelector(".errorlist");
    if (!errors) {
      return false;
    }
    openFoldAround(errors);
    var form = errors.closest("form");
    var field = form && form.querySelector("[aria-invalid=true]");
    if (!field) {
      errors.setAttribute("tabindex", "-1");
      field = errors;
    }
    focusAndKeep(field);
    return true;
  }

  function showMessagesIn(section) {
    var items = document.querySelectorAll(".messages li");
    if (!items.length) {
      return;
    }
    var feedback = document.createElement("div");
    feedback.className = "triage-feedback";
    feedback.setAttribute("role", "status");
    feedback.setAttribute("tabindex", "-1");
    items.forEach(function (item) {
      // The words only: not the icon, nor Wagtail's "Go to the first error" button beside an error.
      var words = item.cloneNode(true);
      words.querySelectorAll("button, svg").forEach(function (extra) {
        extra.remove();
      });
      var line = document.createElement("p");
      line.textContent = words.textContent.trim();
      if (item.classList.contains("error")) {
        feedback.classList.add("triage-feedback--error");
      }
      feedback.appendChild(line);
      item.remove();
    });
    var heading = section.querySelector(":scope > summary, :scope > h2");
    if (heading) {
      heading.after(feedback);
    } else {
      section.prepend(feedback);
    }
    focusAndKeep(feedback);
  }

  function start() {
    var page = document.querySelector(".triage-report");
    if (!page) {
      return;
    }
    var id = decodeURIComponent(window.location.hash.slice(1));
    var section = id ? document.getElementById(id) : null;
    if (section && !page.contains(section)) {
      section = null;
    }
    if (section && section.tagName === "DETAILS") {
      section.open = true;
    }
    if (focusFirstError(page)) {
      return;
    }
    if (section) {
      showMessagesIn(section);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
