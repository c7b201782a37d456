// Draws the portal's charts with the vendored Chart.js. Each <canvas data-chart="ID"> reads
// its figures from <script type="application/json" id="ID"> (Django's json_script), so no
// inline script is needed under the site's Content-Security-Policy. The data table beside
// every chart holds the same figures: a chart that cannot be drawn loses nothing.
(function () {
  if (typeof Chart === "undefined") return;
  var lang = document.documentElement.lang || "fa";
  var rtl = document.documentElement.dir === "rtl";
  var locale = lang.indexOf("fa") === 0 ? "fa-IR" : "en-US";
  var palette = ["#0d6efd", "#fd7e14", "#198754", "#6f42c1", "#d63384", "#20c997", "#6c757d", "#ffc107"];

  function formatter(percent) {
    var numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    return function (value) {
      return numbers.format(value) + (percent ? (locale === "fa-IR" ? "٪" : "%") : "");
    };
  }

  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.locale = locale;
  Chart.defaults.animation = false;

  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) return;
    var spec = JSON.parse(source.textContent);
    var format = formatter(spec.percent);
    var round = spec.type === "doughnut";
    var datasets = spec.series.map(function (series, index) {
      var colour = palette[index % palette.length];
      return {
        label: series.label,
        data: series.data,
        backgroundColor: round ? spec.labels.map(function (_l, i) { return palette[i % palette.length]; }) : colour,
        borderColor: round ? "#fff" : colour,
        borderWidth: spec.type === "line" ? 2 : 1,
        stack: spec.stacked ? "all" : undefined
      };
    });
    var scales = round ? {} : {
      x: { reverse: rtl, stacked: !!spec.stacked, ticks: { autoSkip: true, maxRotation: 60 } },
      y: { position: rtl ? "right" : "left", stacked: !!spec.stacked, beginAtZero: true,
           ticks: { callback: format, precision: spec.percent ? 1 : 0 } }
    };
    new Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        locale: locale,
        scales: scales,
        plugins: {
          legend: { display: round || datasets.length > 1, rtl: rtl, position: "bottom" },
          tooltip: {
            rtl: rtl,
            callbacks: {
              label: function (item) {
                var name = round ? item.label : item.dataset.label;
                return name + ": " + format(item.raw);
              }
            }
          }
        }
      }
    });
    canvas.dataset.drawn = "true";
  });
})();
