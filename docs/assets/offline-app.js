// Keeps this language of the site on the device, so it opens with no signal (a service worker,
// sw.js, written by scripts/painsite/offline_app.py). Nothing starts until the page has loaded,
// so the page itself comes first; then the worker fetches the language's pages in the
// background. Not from the file system (the offline zip), and not with the browser's data saver
// on (pages still work as usual; only the background download is left out).
(function () {
  var script = document.currentScript;
  if (!script || !("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  var worker = script.getAttribute("data-sw"), lang = script.getAttribute("data-lang");

  function start() {
    navigator.serviceWorker.register(worker).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      if (navigator.connection && navigator.connection.saveData) return;
      if (registration.active) registration.active.postMessage({ saveLanguage: lang });
    }).catch(function () { /* no offline copy: the site works as before */ });
  }
  if (document.readyState === "complete") setTimeout(start, 0);
  else window.addEventListener("load", function () { setTimeout(start, 0); });
})();
