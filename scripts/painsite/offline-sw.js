// The service worker: keeps a copy of the reader's language on the device, so the site opens with
// no signal. Written into the site as sw.js by scripts/painsite/offline_app.py, with this build's
// version. Only files of this site, from its own address, are ever fetched or kept.
"use strict";
var VERSION = "__VERSION__";
var PREFIX = "living-with-pain-";
var ROOT = new URL("./", self.location).href; // sw.js sits at the site's root
var HASH = "X-Offline-Hash";
var filling = {};

function cacheName(lang) { return PREFIX + VERSION + "-" + lang; }
function listUrl(lang) { return ROOT + "assets/offline-app/" + lang + ".json"; }

// The caches of this version, or of every other version of this site.
function ours(current) {
  return caches.keys().then(function (keys) {
    return keys.filter(function (key) {
      return key.indexOf(PREFIX) === 0 && (key.indexOf(PREFIX + VERSION + "-") === 0) === current;
    });
  });
}

function fetched(url) {
  // "no-cache": ask the server again (a 304 when the file did not change), never a stale copy.
  return fetch(url, { cache: "no-cache", credentials: "same-origin", redirect: "follow" })
    .then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response;
    });
}

// A copy that carries the file's hash from the build; also drops the "redirected" mark, which a
// page answer must not have.
function stamped(response, hash) {
  var headers = new Headers(response.headers);
  headers.set(HASH, hash);
  return response.blob().then(function (body) {
    return new Response(body, { status: response.status, statusText: response.statusText, headers: headers });
  });
}

// The same file from an older version's cache, when its hash did not change: not downloaded again.
function reused(oldCaches, url, hash) {
  return oldCaches.reduce(function (found, name) {
    return found.then(function (response) {
      if (response) return response;
      return caches.open(name).then(function (cache) { return cache.match(url); }).then(function (old) {
        return old && old.headers.get(HASH) === hash ? old : null;
      });
    });
  }, Promise.resolve(null));
}

// Every file of one language into this version's cache, three at a time; the list itself last,
// so a cache that has its list is complete.
function fill(lang) {
  if (filling[lang]) return filling[lang];
  var name = cacheName(lang);
  filling[lang] = caches.open(name).then(function (cache) {
    return cache.match(listUrl(lang)).then(function (done) {
      if (done) return null;
      return Promise.all([fetched(listUrl(lang)), ours(false)]).then(function (got) {
        var listResponse = got[0], oldCaches = got[1];
        return listResponse.clone().json().then(function (list) {
          if (list.version !== VERSION) throw new Error("the site changed while it was being saved");
          var queue = list.files.slice();
          function next() {
            var item = queue.shift();
            if (!item) return null;
            var url = ROOT + item[0], hash = item[1];
            return cache.match(url).then(function (have) {
              if (have && have.headers.get(HASH) === hash) return null;
              return reused(oldCaches, url, hash).then(function (old) {
                return old || fetched(url).then(function (response) { return stamped(response, hash); });
              }).then(function (response) { return cache.put(url, response); });
            }).then(next);
          }
          return Promise.all([next(), next(), next()]).then(function () {
            return cache.put(listUrl(lang), listResponse);
          });
        });
      });
    });
  }).then(function () { delete filling[lang]; }, function (error) { delete filling[lang]; throw error; });
  return filling[lang];
}

// A new version first saves every language the old one had (files that did not change are
// copied, not downloaded), then takes over; if that fails (no signal), the old one stays.
self.addEventListener("install", function (event) {
  event.waitUntil(ours(false).then(function (old) {
    var langs = {};
    old.forEach(function (key) { langs[key.slice(key.lastIndexOf("-") + 1)] = true; });
    return Promise.all(Object.keys(langs).map(fill));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(ours(false).then(function (old) {
    return Promise.all(old.map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

// A page asks for its language once it has loaded (assets/offline-app.js).
self.addEventListener("message", function (event) {
  var lang = event.data && event.data.saveLanguage;
  if (typeof lang === "string" && /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/.test(lang)) {
    event.waitUntil(fill(lang).catch(function () { /* tried again on the next page */ }));
  }
});

// This site's files from the saved copy when there is one, else from the network. Anything
// else (another site, another method) is left to the browser.
self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || request.url.indexOf(ROOT) !== 0) return;
  event.respondWith(ours(true).then(function (names) {
    return names.reduce(function (found, name) {
      return found.then(function (response) {
        return response || caches.open(name).then(function (cache) {
          return cache.match(request, { ignoreSearch: true, ignoreVary: true });
        });
      });
    }, Promise.resolve(null));
  }).then(function (response) { return response || fetch(request); }));
});
