// Material downloads the whole search index on every page view (the largest file a page loads).
// Most visits never search, so hold that one download back until the reader opens search.
// Loaded in <head> before Material's bundle, which requests the index with XMLHttpRequest.
(function () {
  var INDEX = /search\/search_index\.json(\?.*)?$/;
  var proto = XMLHttpRequest.prototype, open = proto.open, send = proto.send;
  var held = [], released = false;

  proto.open = function (method, url) {
    this.searchIndexRequest = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  proto.send = function () {
    if (this.searchIndexRequest && !released) {
      held.push([this, arguments]);
      return undefined;
    }
    return send.apply(this, arguments);
  };

  function release() {
    if (released) return;
    released = true;
    held.splice(0).forEach(function (request) { send.apply(request[0], request[1]); });
  }
  // Search opens by focusing its box (click, tap, or the "/" and "s" shortcuts) or its button.
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches(".md-search__input")) release();
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("label[for=__search]")) release();
  }, true);
})();
