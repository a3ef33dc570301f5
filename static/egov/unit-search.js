// The transfer form's unit search, as the officer types (progressive enhancement).
//
// Without this script the "Find unit" button posts the form to the search and
// the page comes back with the matching units listed. With it, the list
// follows the typing: the form's data-unit-search address answers with the
// same list as an HTML fragment, which replaces the one on the page; the unit
// chosen stays chosen, and a status line tells screen-reader users how many
// units match. Loaded from the site (no inline script: see the CSP).
(function () {
  "use strict";

  var form = document.querySelector("form[data-unit-search]");
  if (!form || !window.fetch || !window.AbortController || !window.DOMParser) {
    return;
  }
  var address = form.getAttribute("data-unit-search");
  var input = form.querySelector("input[name=unit_query]");
  var button = form.querySelector("[data-unit-search-button]");
  var results = form.querySelector("[data-unit-search-results]");
  var status = form.querySelector("[data-unit-search-status]");
  if (!address || !input || !results) {
    return;
  }
  var asked = input.value;
  var pending = null;
  var timer = null;

  function chosenUnit() {
    var chosen = results.querySelector("input[name=to_unit]:checked");
    return chosen ? chosen.value : "";
  }

  function show(html) {
    var fragment = new DOMParser().parseFromString(html, "text/html");
    results.replaceChildren.apply(results, Array.prototype.slice.call(fragment.body.childNodes));
    var summary = results.querySelector("[data-unit-search-summary]");
    if (status && summary) {
      status.textContent = summary.textContent.trim();
    }
  }

  function search(force) {
    var query = input.value;
    if (query === asked && !force) {
      return;
    }
    asked = query;
    if (pending) {
      pending.abort();
    }
    pending = new AbortController();
    var parameters = new URLSearchParams({ unit_query: query, to_unit: chosenUnit() });
    fetch(address + "?" + parameters.toString(), {
      credentials: "same-origin",
      headers: { Accept: "text/html" },
      signal: pending.signal,
    })
      .then(function (response) {
        // A refused query (too long) comes back as a 400 with its message: show it too.
        if (response.ok || response.status === 400) {
          return response.text().then(show);
        }
        return undefined;
      })
      .catch(function (error) {
        // Aborted by newer typing, or offline: the button still searches the old way.
        if (error.name !== "AbortError" && status) {
          status.textContent = "";
        }
      });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 250);
  });
  if (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      window.clearTimeout(timer);
      search(true);
    });
  }
})();
