// Keeps the "Who will see this referral" summary of the triage refer forms in step with the choices made.
// The summary is written on the server and is right without this file; this only fills in the names.
(function () {
  "use strict";

  function update(summary) {
    var form = summary.closest("form");
    var agency = form.querySelector("select[name=agency]");
    var share = form.querySelector("input[name=share_with_suggested]");
    var recipient = form.querySelector("select[name=recipient]");
    var nobody = summary.dataset.nobody;
    if (agency && agency.value) {
      summary.querySelector("[data-summary-agency]").textContent = agency.options[agency.selectedIndex].text;
    }
    var partner = nobody;
    if (share && share.checked) {
      partner = summary.dataset.suggested;
    } else if (recipient && recipient.value) {
      partner = recipient.options[recipient.selectedIndex].text;
    }
    summary.querySelector("[data-summary-partner]").textContent = partner;
  }

  function start() {
    document.querySelectorAll("[data-referral-summary]").forEach(function (summary) {
      var form = summary.closest("form");
      if (!form) {
        return;
      }
      form.addEventListener("change", function () {
        update(summary);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
