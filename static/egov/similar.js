// Answered public complaints like the one being written, shown as the citizen
// types (progressive enhancement). Without this script the check page shows
// the same list before sending. The form's data-similar address answers with
// an HTML fragment (empty when nothing is similar), put in a polite live region.
(function () {
  "use strict";

  var region = document.querySelector("[data-similar]");
  var form = region && region.closest("form");
  if (!form || !window.fetch || !window.AbortController || !window.DOMParser) {
    return;
  }
  var address = region.getAttribute("data-similar");
  var names = ["category", "district", "title", "body"];
  var asked = "";
  var pending = null;
  var timer = null;

  function query() {
    var parameters = new URLSearchParams();
    names.forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (field && "value" in field) {
        parameters.set(name, field.value);
      }
    });
    return parameters.toString();
  }

  function look() {
    var wanted = query();
    if (wanted === asked) {
      return;
    }
    asked = wanted;
    if (pending) {
      pending.abort();
    }
    pending = new AbortController();
    fetch(address + "?" + wanted, {
      credentials: "same-origin",
      headers: { Accept: "text/html" },
      signal: pending.signal,
    })
      .then(function (response) {
        return response.ok ? response.text() : "";
      })
      .then(function (html) {
        var fragment = new DOMParser().parseFromString(html, "text/html");
        region.replaceChildren.apply(region, Array.prototype.slice.call(fragment.body.childNodes));
      })
      .catch(function () {
        // Aborted by a newer question, or offline: the check page still shows them.
      });
  }

  function soon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(look, 700);
  }

  names.forEach(function (name) {
    var field = form.elements.namedItem(name);
    if (field && field.addEventListener) {
      field.addEventListener("input", soon);
      field.addEventListener("change", soon);
    }
  });
})();
