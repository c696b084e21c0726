// Vizor.ECharts passes the component's Width/Height to echarts.init; Width="auto" means "the container's size", which is
// also what ECharts does when no width is given. The SVG renderer, however, first writes the given width into the <svg>
// element's width attribute, and "auto" is no SVG length: Chromium logs `<svg> attribute width: Expected length, "auto"`
// on every chart. Dropping "auto" before init gives the same size without the error.
(function () {
    if (!window.echarts || window.echarts.__smartenvInit) return;
    const init = window.echarts.init;
    window.echarts.init = function (dom, theme, opts) {
        if (opts && typeof opts === 'object') {
            if (opts.width === 'auto') delete opts.width;
            if (opts.height === 'auto') delete opts.height;
        }
        return init.call(this, dom, theme, opts);
    };
    window.echarts.__smartenvInit = true;
})();
