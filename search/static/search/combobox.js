/* Search as you type: the WAI-ARIA combobox pattern (list autocomplete, manual
 * selection) over /api/search/suggest/, as a progressive enhancement of plain
 * search forms. Without JavaScript the form submits as before.
 *
 * Markup: <input data-suggest-url="/api/search/suggest/" data-suggest-locale="bg"
 *   data-suggest-label="…" data-suggest-count="… %(count)s …" data-suggest-none="…">
 * Keys: Down/Up move through the suggestions (opening the list), Enter opens the
 * chosen one (or submits the form when none is chosen), Escape closes the list
 * (a second Escape clears the field), Tab leaves it closed. A polite live region
 * says how many suggestions there are. */
(function () {
  "use strict";

  var MIN_LENGTH = 2;
  var DELAY = 200;
  var counter = 0;

  function enhance(input) {
    counter += 1;
    var id = input.id || "suggest-" + counter;
    var listId = id + "-suggestions";
    var wrapper = document.createElement("div");
    wrapper.className = "combobox";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);

    var list = document.createElement("ul");
    list.id = listId;
    list.className = "combobox__list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.getAttribute("data-suggest-label") || "");
    list.hidden = true;
    wrapper.appendChild(list);

    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    wrapper.appendChild(status);

    // ARIA in HTML allows the combobox role on a text input, not on type=search
    if (input.type === "search") input.setAttribute("type", "text");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");

    var results = [];
    var active = -1;
    var timer = null;
    var controller = null;
    var lastQuery = "";

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function open() {
      if (!results.length) return;
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      active = index;
      for (var i = 0; i < options.length; i++) {
        var selected = i === index;
        options[i].setAttribute("aria-selected", selected ? "true" : "false");
        if (selected) {
          input.setAttribute("aria-activedescendant", options[i].id);
          if (options[i].scrollIntoView) options[i].scrollIntoView({ block: "nearest" });
        }
      }
      if (index < 0) input.removeAttribute("aria-activedescendant");
    }

    function go(index) {
      var item = results[index];
      if (item && item.url) window.location.assign(item.url);
    }

    function render(items) {
      results = items;
      list.textContent = "";
      items.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = listId + "-" + index;
        option.className = "combobox__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var name = document.createElement("span");
        name.className = "combobox__name";
        name.textContent = item.name;
        option.appendChild(name);
        if (item.context) {
          var context = document.createElement("span");
          context.className = "combobox__context";
          context.textContent = " — " + item.context;
          option.appendChild(context);
        }
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the field
        });
        option.addEventListener("click", function () {
          go(index);
        });
        list.appendChild(option);
      });
      var message = items.length
        ? (input.getAttribute("data-suggest-count") || "%(count)s").replace("%(count)s", String(items.length))
        : input.getAttribute("data-suggest-none") || "";
      status.textContent = message;
      active = -1;
      if (items.length) open();
      else close();
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) return;
      lastQuery = query;
      if (controller) controller.abort();
      if (query.length < MIN_LENGTH) {
        render([]);
        status.textContent = "";
        return;
      }
      controller = window.AbortController ? new AbortController() : null;
      var url =
        input.getAttribute("data-suggest-url") +
        "?q=" + encodeURIComponent(query) +
        "&locale=" + encodeURIComponent(input.getAttribute("data-suggest-locale") || "");
      fetch(url, { headers: { Accept: "application/json" }, signal: controller ? controller.signal : undefined })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (data) {
          if (input.value.trim() === query) render(data.results || []);
        })
        .catch(function () {});
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY);
    });

    input.addEventListener("keydown", function (event) {
      var expanded = !list.hidden;
      switch (event.key) {
        case "ArrowDown":
        case "Down":
          if (!results.length) return;
          event.preventDefault();
          if (!expanded) open();
          highlight(active + 1 >= results.length ? 0 : active + 1);
          break;
        case "ArrowUp":
        case "Up":
          if (!results.length) return;
          event.preventDefault();
          if (!expanded) open();
          highlight(active <= 0 ? results.length - 1 : active - 1);
          break;
        case "Enter":
          if (expanded && active >= 0) {
            event.preventDefault();
            go(active);
          }
          break;
        case "Escape":
        case "Esc":
          if (expanded) {
            event.preventDefault();
            close();
          } else if (input.value) {
            event.preventDefault();
            input.value = "";
            lastQuery = "";
            results = [];
          }
          break;
        case "Tab":
          close();
          break;
        default:
          break;
      }
    });

    input.addEventListener("blur", function () {
      window.setTimeout(close, 150);
    });
  }

  function init() {
    var inputs = document.querySelectorAll("input[data-suggest-url]");
    for (var i = 0; i < inputs.length; i++) enhance(inputs[i]);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
