{% load static %}/* Shop safe online service worker.
 * It keeps only the offline page and the site's own styles and scripts. It never stores pages,
 * form answers, API responses or anything a person typed: reports hold personal data. */
const CACHE = "shop-safe-v1";
const OFFLINE_URL = "{% url 'offline' %}";
const PRECACHE = [
  OFFLINE_URL,
  "{% static 'uswds/css/uswds.min.css' %}",
  "{% static 'css/site.css' %}",
  "{% static 'js/site.js' %}",
  "{% static 'icons/icon-192.png' %}",
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return; // never touch form submissions
  if (request.mode === "navigate") {
    // Pages always come from the network; the offline page stands in when there is none.
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE_URL)));
    return;
  }
  if (PRECACHE.includes(new URL(request.url).pathname)) {
    event.respondWith(caches.match(request).then((cached) => cached || fetch(request)));
  }
});
