/*
 * Wagtail admin widgets without inline scripts (the Content-Security-Policy allows none).
 * - Date, time and date-time pickers: our copies of Wagtail's widget templates (templates/wagtailadmin/widgets/)
 *   leave <span hidden data-admin-widget="initDateChooser" data-for="id" data-config="{...}">.
 * - Choosers (website/admin_choosers.py) leave <span hidden data-admin-chooser="PageChooser" data-for="id"
 *   data-options="{...}">.
 * Where Wagtail wrote an inline <script>, this makes the same call, also for forms the admin adds later
 * (an inline panel's new child). Only known names are called and the options are parsed as JSON.
 */
(function () {
  "use strict";
  var ALLOWED = ["initDateChooser", "initDateTimeChooser", "initTimeChooser"];

  function start(marker) {
    if (marker.dataset.adminWidgetStarted) return;
    var name = marker.dataset.adminWidget;
    if (ALLOWED.indexOf(name) === -1 || typeof window[name] !== "function") return;
    if (marker.dataset.for.indexOf("__prefix__") !== -1) return; // an inline panel's blank form
    marker.dataset.adminWidgetStarted = "true";
    window[name](marker.dataset.for, JSON.parse(marker.dataset.config || "{}"));
  }

  function startChooser(marker) {
    if (marker.dataset.adminWidgetStarted) return;
    var name = marker.dataset.adminChooser;
    if (!/^[A-Za-z]*Chooser$/.test(name) || typeof window[name] !== "function") return;
    if (marker.dataset.for.indexOf("__prefix__") !== -1) return; // an inline panel's blank form
    marker.dataset.adminWidgetStarted = "true";
    new window[name](marker.dataset.for, JSON.parse(marker.dataset.options || "{}"));
  }

  function startAll(root) {
    if (!root.querySelectorAll) return;
    if (root.matches && root.matches("[data-admin-widget]")) start(root);
    if (root.matches && root.matches("[data-admin-chooser]")) startChooser(root);
    root.querySelectorAll("[data-admin-widget]").forEach(start);
    root.querySelectorAll("[data-admin-chooser]").forEach(startChooser);
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
