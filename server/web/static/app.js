// stemma's web UI works without this file: it only adds hover links
// between the parts of a page.
(function () {
  'use strict';

  // Report: hovering a source (in the list or the timeline) brings out the
  // passages whose origin it is, and hovering a passage marks its source.
  var marks = document.querySelectorAll('mark.psg[data-passage]');
  var sources = document.querySelectorAll('[data-focus-source]');
  function focus(id) {
    marks.forEach(function (m) { m.classList.toggle('dim', id !== null && m.dataset.source !== id); });
    sources.forEach(function (s) { s.classList.toggle('focus', id !== null && s.dataset.focusSource === id); });
  }
  sources.forEach(function (s) {
    s.addEventListener('mouseenter', function () { focus(s.dataset.focusSource); });
    s.addEventListener('mouseleave', function () { focus(null); });
  });
  marks.forEach(function (m) {
    m.addEventListener('mouseenter', function () {
      sources.forEach(function (s) { s.classList.toggle('focus', s.dataset.focusSource === m.dataset.source); });
    });
    m.addEventListener('mouseleave', function () { focus(null); });
  });

  // Compare: hovering a change marks its counterpart on the other side and
  // in the table of changes.
  var byEdit = {};
  document.querySelectorAll('[data-edit]').forEach(function (el) {
    (byEdit[el.dataset.edit] = byEdit[el.dataset.edit] || []).push(el);
  });
  Object.keys(byEdit).forEach(function (k) {
    byEdit[k].forEach(function (el) {
      el.addEventListener('mouseenter', function () { byEdit[k].forEach(function (o) { o.classList.add('pair'); }); });
      el.addEventListener('mouseleave', function () { byEdit[k].forEach(function (o) { o.classList.remove('pair'); }); });
    });
  });

  // Home: a chosen file is traced instead of the pasted text.
  var file = document.getElementById('file');
  var text = document.getElementById('text');
  if (file && text) {
    file.addEventListener('change', function () { text.disabled = file.files.length > 0; });
  }
})();
