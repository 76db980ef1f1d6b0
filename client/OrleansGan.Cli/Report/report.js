// Hovering a run (legend, table row or its samples) picks out its lines on every chart.
(function () {
  const lines = document.querySelectorAll('svg .run[data-run]');
  function focus(run) {
    lines.forEach(line => line.classList.toggle('dim', run !== null && line.dataset.run !== run));
  }
  document.querySelectorAll('.legend [data-run], tr.in-full[data-run], .run-samples[data-run]').forEach(element => {
    element.addEventListener('mouseenter', () => focus(element.dataset.run));
    element.addEventListener('mouseleave', () => focus(null));
  });

  // Clicking a grid shows it large; a click or Escape closes it.
  const zoom = document.getElementById('zoom');
  const large = zoom.querySelector('img');
  document.querySelectorAll('.timeline img, figure.dataset img').forEach(image => {
    image.addEventListener('click', () => { large.src = image.src; large.alt = image.alt; zoom.hidden = false; });
  });
  zoom.addEventListener('click', () => { zoom.hidden = true; });
  document.addEventListener('keydown', event => { if (event.key === 'Escape') zoom.hidden = true; });
})();
