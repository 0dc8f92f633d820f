/*
 * The Copy button on the new API key page (templates/partners/admin/key_created.html). The button is hidden
 * until this script runs, so without JavaScript the key is still there to select and copy by hand.
 */
(function () {
  "use strict";

  function start(button) {
    var field = document.getElementById(button.dataset.copyApiKey);
    var status = document.querySelector("[data-copy-api-key-status]");
    if (!field) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      function done(text) {
        if (status) status.textContent = text;
      }
      field.select();
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(field.value).then(
          function () { done(button.dataset.copiedText); },
          function () { done(button.dataset.failedText); }
        );
      } else {
        done(button.dataset.failedText);
      }
    });
  }

  document.querySelectorAll("[data-copy-api-key]").forEach(start);
})();
