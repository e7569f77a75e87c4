// The data-entry grid: Tab/Enter/arrows move between figures, a block copied from Excel pastes
// across cells, and leaving with unsaved figures asks first. Without JavaScript the grid is a
// plain form and still saves.
(function () {
  "use strict";
  var form = document.querySelector("form[data-grid]");
  if (!form) { return; }
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input.grid-input"));
  var at = {};
  inputs.forEach(function (input) {
    at[input.dataset.r + ":" + input.dataset.c] = input;
  });
  var rows = 0, cols = 0;
  inputs.forEach(function (input) {
    rows = Math.max(rows, +input.dataset.r + 1);
    cols = Math.max(cols, +input.dataset.c + 1);
  });
  var dirty = false;
  var note = form.querySelector("[data-dirty-note]");
  var bar = form.querySelector("[data-comment-bar]");
  var barInput = bar && bar.querySelector("input");
  var barLabel = bar && bar.querySelector("[data-comment-label]");
  var current = null; // the figure whose comment the bar edits
  form.classList.add("js-grid");
  if (bar) { bar.hidden = false; barInput.disabled = true; }

  function noteOf(input) {
    return input.parentNode.querySelector("input.grid-note");
  }

  if (bar) {
    form.addEventListener("focusin", function (event) {
      var input = event.target;
      if (!input.classList || !input.classList.contains("grid-input")) { return; }
      current = input;
      var box = noteOf(input);
      barLabel.textContent = input.getAttribute("aria-label");
      barInput.value = box ? box.value : "";
      barInput.disabled = !box;
    });
    barInput.addEventListener("input", function () {
      var box = current && noteOf(current);
      if (!box) { return; }
      box.value = barInput.value;
      current.parentNode.classList.toggle("has-note", box.value.trim() !== "");
      markDirty(current);
    });
    barInput.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault(); // back to the figure, never a submit
        if (current) { current.focus(); }
      }
    });
  }

  function markDirty(input) {
    input.classList.add("dirty");
    if (!dirty) {
      dirty = true;
      if (note) { note.hidden = false; }
    }
  }

  function cell(r, c) { return at[r + ":" + c]; }

  function focusCell(target) {
    if (target) {
      target.focus();
      target.select();
      return true;
    }
    return false;
  }

  function next(r, c, dr, dc) {
    // Move across a row and wrap to the next (or previous) one, as spreadsheets do with Tab.
    if (dc !== 0) {
      c += dc;
      if (c >= cols) { c = 0; r += 1; }
      if (c < 0) { c = cols - 1; r -= 1; }
    } else {
      r += dr;
    }
    return cell(r, c);
  }

  form.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!input.classList || !input.classList.contains("grid-input")) {
      return;
    }
    var r = +input.dataset.r, c = +input.dataset.c, target = null;
    if (event.key === "Tab") {
      target = next(r, c, 0, event.shiftKey ? -1 : 1);
    } else if (event.key === "Enter") {
      target = next(r, c, event.shiftKey ? -1 : 1, 0);
      if (!target) { event.preventDefault(); return; }
    } else if (event.key === "ArrowDown") {
      target = next(r, c, 1, 0);
    } else if (event.key === "ArrowUp") {
      target = next(r, c, -1, 0);
    } else {
      return;
    }
    if (focusCell(target)) { event.preventDefault(); }
  });

  form.addEventListener("paste", function (event) {
    var input = event.target;
    if (!input.classList || !input.classList.contains("grid-input")) { return; }
    var text = (event.clipboardData || window.clipboardData).getData("text");
    if (!text || (text.indexOf("\t") < 0 && text.indexOf("\n") < 0)) { return; }
    event.preventDefault();
    var lines = text.replace(/\r/g, "").split("\n");
    if (lines.length && lines[lines.length - 1] === "") { lines.pop(); }
    var r0 = +input.dataset.r, c0 = +input.dataset.c;
    lines.forEach(function (line, i) {
      line.split("\t").forEach(function (value, j) {
        var target = cell(r0 + i, c0 + j);
        if (target && !target.readOnly && !target.disabled) {
          target.value = value.trim();
          markDirty(target);
        }
      });
    });
  });

  form.addEventListener("input", function (event) {
    var input = event.target;
    if (input.classList && input.classList.contains("grid-note")) {
      input.parentNode.classList.toggle("has-note", input.value.trim() !== "");
    }
    if (input.tagName === "INPUT" && input !== barInput) { markDirty(input); }
  });

  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    var question = button && button.getAttribute("data-confirm-send");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      return;
    }
    dirty = false;
  });

  window.addEventListener("beforeunload", function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // After a refused save, start on the first wrong figure.
  var wrong = form.querySelector("input.grid-input.is-invalid");
  if (wrong) { wrong.focus(); }
})();
