/* Offline edition only: scripts/painsite/offline.py adds this file and its <script> tag to the
   copies in the offline zips, never to the website.
   Browsers do not start a Web Worker from a page opened from the file system (file://), and
   Material for MkDocs runs its search in one. This stands in for Worker there: the worker's script
   runs in a hidden frame of the same page, and messages pass both ways as they would to a worker.
   Over http(s) it does nothing. */
(function () {
  "use strict";
  if (location.protocol !== "file:" || typeof window.EventTarget !== "function") return;

  function load(doc, src) {
    return new Promise(function (resolve, reject) {
      var script = doc.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("could not load " + src)); };
      doc.head.appendChild(script);
    });
  }

  class FileWorker extends EventTarget {
    constructor(url) {
      super();
      var worker = this;
      var src = new URL(String(url), location.href).href;
      var frame = document.createElement("iframe");
      frame.hidden = true;
      frame.title = "search";
      frame.tabIndex = -1;
      frame.setAttribute("aria-hidden", "true");
      (document.body || document.documentElement).appendChild(frame);
      var scope = frame.contentWindow;
      this.onmessage = null;
      this.onerror = null;
      this.frame = frame;
      this.scope = scope;
      // What the worker's script finds as globals: postMessage answers the page, importScripts loads more.
      scope.postMessage = function (data) {
        var event = new MessageEvent("message", { data: structuredClone(data) });
        setTimeout(function () {
          worker.dispatchEvent(event);
          if (typeof worker.onmessage === "function") worker.onmessage(event);
        }, 0);
      };
      scope.importScripts = function () {
        var urls = Array.prototype.slice.call(arguments);
        return urls.reduce(function (done, next) {
          return done.then(function () { return load(scope.document, new URL(next, src).href); });
        }, Promise.resolve());
      };
      this.ready = load(scope.document, src).catch(function (error) {
        var event = new ErrorEvent("error", { message: error.message });
        worker.dispatchEvent(event);
        if (typeof worker.onerror === "function") worker.onerror(event);
        throw error;
      });
    }

    postMessage(data) {
      var scope = this.scope;
      this.ready.then(function () {
        scope.dispatchEvent(new scope.MessageEvent("message", { data: scope.structuredClone(data) }));
      });
    }

    terminate() {
      this.frame.remove();
    }
  }

  window.Worker = FileWorker;
})();
