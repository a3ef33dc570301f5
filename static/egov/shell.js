// The page shell on small screens, as progressive enhancement: without this
// script every menu stays open and every table scrolls inside its own region.
//
// 1. The header's menus (account and services) fold behind one "Menu" button
//    below 600 px, so the page's heading is on the first screen.
// 2. Tables become stacked cards below 600 px: each cell is labelled with its
//    column's heading, copied here once so templates write a plain table.
(function () {
  "use strict";
  var narrow = window.matchMedia("(max-width: 600px)");

  function setUpMenu() {
    var header = document.querySelector(".site-header");
    var button = header && header.querySelector(".menu-button");
    if (!button) return;
    function fold(folded) {
      header.classList.toggle("menu-folded", folded);
      button.setAttribute("aria-expanded", folded ? "false" : "true");
    }
    button.hidden = false;
    fold(narrow.matches);
    button.addEventListener("click", function () {
      fold(!header.classList.contains("menu-folded"));
    });
    narrow.addEventListener("change", function (event) {
      fold(event.matches);
    });
  }

  function labelCells() {
    var tables = document.querySelectorAll("table.table");
    Array.prototype.forEach.call(tables, function (table) {
      var headings = table.querySelectorAll("thead th");
      if (!headings.length) return;
      var labels = Array.prototype.map.call(headings, function (th) {
        return th.textContent.trim();
      });
      Array.prototype.forEach.call(table.querySelectorAll("tbody tr"), function (row) {
        Array.prototype.forEach.call(row.children, function (cell, index) {
          if (labels[index] && !cell.hasAttribute("data-label")) {
            cell.setAttribute("data-label", labels[index]);
          }
        });
      });
      table.classList.add("stackable");
    });
  }

  setUpMenu();
  labelCells();
})();
