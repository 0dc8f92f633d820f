/*
 * Shop safe online: the only site-specific JavaScript. Everything works without it.
 * Loaded in <head> so the page never flashes the no-JavaScript layout.
 */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");
})();
