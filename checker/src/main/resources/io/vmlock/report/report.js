// Hovering a step in a diagram highlights its table row and the reverse; then the page says it
// rendered (tests read data-rendered, the counts and the graph's measured texts from the DOM
// after this script ran).
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
  // The lock-order graph's layout sized each box from its name's length: measure, as drawn, that
  // every name lies inside its box and no edge label covers a box (tests read the count).
  function inside(a, b) {
    return a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;
  }
  function overlap(a, b) {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  }
  var measured = 0;
  var misplaced = [];
  document.querySelectorAll('svg.lock-graph').forEach(function (graph) {
    var boxes = [];
    graph.querySelectorAll('g.lock-class').forEach(function (node) {
      var box = node.querySelector('rect').getBBox();
      boxes.push(box);
      measured++;
      if (!inside(node.querySelector('text').getBBox(), box)) misplaced.push(node.getAttribute('data-class'));
    });
    graph.querySelectorAll('g.order-edge text').forEach(function (label) {
      var text = label.getBBox();
      measured++;
      if (boxes.some(function (box) { return overlap(text, box); })) {
        misplaced.push(label.parentNode.getAttribute('data-edge'));
      }
    });
  });
  var body = document.body;
  body.setAttribute('data-graph-texts', String(measured));
  body.setAttribute('data-graph-misplaced', misplaced.join('; '));
  body.setAttribute('data-lanes', String(document.querySelectorAll('svg.lanes .lane').length));
  body.setAttribute('data-steps', String(document.querySelectorAll('svg.lanes .step').length));
  body.setAttribute('data-rendered', 'ok');
}());
