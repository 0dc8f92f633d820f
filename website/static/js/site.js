/*
 * Shop safe online: the only site-specific JavaScript. Everything works without it.
 * Loaded in <head> so the page never flashes the no-JavaScript layout.
 */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  // Installable: a small service worker that only keeps the offline page (see website/views.py).
  if ("serviceWorker" in navigator && window.location.protocol === "https:") {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    });
  }

  // Header search: offer article titles as people type (a plain search without JavaScript).
  document.addEventListener("DOMContentLoaded", function () {
    var input = document.querySelector("[data-autocomplete-url]");
    if (!input || !window.fetch) return;
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
      var q = input.value.trim();
      if (q.length < 2 || q === last) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        last = q;
        fetch(input.dataset.autocompleteUrl + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) {
            list.innerHTML = "";
            data.suggestions.forEach(function (item) {
              var option = document.createElement("option");
              option.value = item.title;
              list.appendChild(option);
            });
          })
          .catch(function () { /* suggestions are a nicety; the search still works */ });
      }, 150);
    });
  });
})();
