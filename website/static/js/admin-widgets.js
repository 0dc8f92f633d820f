/*
 * Wagtail admin date, time and date-time pickers without inline scripts (the Content-Security-Policy allows
 * none). Our copies of Wagtail's widget templates (templates/wagtailadmin/widgets/) leave a
 * <span hidden data-admin-widget="initDateChooser" data-for="id" data-config="{...}"> where Wagtail wrote an
 * inline <script>; this calls the same Wagtail function for each, also for forms the admin adds later.
 */
(function () {
  "use strict";
  var ALLOWED = ["initDateChooser", "initDateTimeChooser", "initTimeChooser"];

  function start(marker) {
    if (marker.dataset.adminWidgetStarted) return;
    var name = marker.dataset.adminWidget;
    if (ALLOWED.indexOf(name) === -1 || typeof window[name] !== "function") return;
    marker.dataset.adminWidgetStarted = "true";
    window[name](marker.dataset.for, JSON.parse(marker.dataset.config || "{}"));
  }

  function startAll(root) {
    if (root.matches && root.matches("[data-admin-widget]")) start(root);
    if (root.querySelectorAll) root.querySelectorAll("[data-admin-widget]").forEach(start);
  }

  function watch() {
    startAll(document);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(startAll);
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
