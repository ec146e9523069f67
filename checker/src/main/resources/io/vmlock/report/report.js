// Hovering a step in a diagram highlights its table row and the reverse; then the page says it
// rendered (tests read data-rendered and the counts from the DOM after this script ran).
(function () {
  'use strict';
  document.querySelectorAll('.finding').forEach(function (finding) {
    function mark(step, on) {
      finding.querySelectorAll('[data-step="' + step + '"]').forEach(function (el) {
        el.classList.toggle('active', on);
      });
    }
    finding.querySelectorAll('[data-step]').forEach(function (el) {
      el.addEventListener('mouseenter', function () { mark(el.getAttribute('data-step'), true); });
      el.addEventListener('mouseleave', function () { mark(el.getAttribute('data-step'), false); });
    });
  });
  var body = document.body;
  body.setAttribute('data-lanes', String(document.querySelectorAll('svg.lanes .lane').length));
  body.setAttribute('data-steps', String(document.querySelectorAll('svg.lanes .step').length));
  body.setAttribute('data-rendered', 'ok');
}());
