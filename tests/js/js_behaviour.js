// Behaviour judge for the js corpus test: `node js_behaviour.js <library> <file> [<react.js>]`
// loads <file> (an original or a minified build of <library>) and prints, as one JSON line,
// the results of a battery of calls. The C++ test runs it on the original and on our output
// and requires identical lines. Everything is deterministic: fixed dates in UTC, no timers,
// no randomness.
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');

const [, , library, file, extra] = process.argv;

// A window/document stand-in for libraries that need a browser at load time (jQuery): every
// unknown property is another stub, so feature tests run without a DOM.
function stub(own) {
  const target = Object.assign(function () {}, own || {});
  return new Proxy(target, {
    get(t, k) {
      if (k in t) return t[k];
      if (k === Symbol.toPrimitive) return () => '';
      if (k === 'nodeType') return 1;
      if (k === 'length') return 0;
      if (k === 'then') return undefined;
      return stub();
    },
    apply() { return stub(); },
    construct() { return stub(); },
  });
}

function runInContext(files, globals) {
  const ctx = Object.assign({ console, setTimeout, clearTimeout, queueMicrotask }, globals);
  ctx.window = ctx;
  ctx.self = ctx;
  ctx.globalThis = ctx;
  vm.createContext(ctx);
  for (const f of files) vm.runInContext(fs.readFileSync(f, 'utf8'), ctx, { filename: f });
  return ctx;
}

const batteries = {
  lodash() {
    const _ = require(path.resolve(file));
    return {
      version: _.VERSION,
      chunk: _.chunk([1, 2, 3, 4, 5], 2),
      sortBy: _.sortBy([{ a: 3, b: 'x' }, { a: 1, b: 'y' }, { a: 2, b: 'z' }], ['a']),
      template: _.template('hello <%= user %>! <% _.each(xs, function(x) { %><li><%- x %></li><% }); %>')(
        { user: 'fred', xs: ['<a>', 'b'] }),
      camel: _.camelCase('Foo Bar--baz_qux'),
      kebab: _.kebabCase('fooBarBaz'),
      snake: _.snakeCase('Foo Bar'),
      merge: _.merge({ a: [{ b: 2 }, { d: 4 }] }, { a: [{ c: 3 }, { e: 5 }] }),
      cloneDeep: _.cloneDeep({ a: [1, { b: new Date(0) }] }),
      isEqual: [_.isEqual({ a: [1, 2] }, { a: [1, 2] }), _.isEqual({ a: 1 }, { a: '1' })],
      groupBy: _.groupBy([6.1, 4.2, 6.3], Math.floor),
      uniqBy: _.uniqBy([2.1, 1.2, 2.3], Math.floor),
      flattenDeep: _.flattenDeep([1, [2, [3, [4]], 5]]),
      zip: _.zip(['a', 'b'], [1, 2], [true, false]),
      range: [_.range(0, 20, 5), _.range(-4)],
      get: _.get({ a: [{ b: { c: 3 } }] }, 'a[0].b.c'),
      set: _.set({}, 'a[0].b.c', 4),
      pickOmit: [_.pick({ a: 1, b: 2, c: 3 }, ['a', 'c']), _.omit({ a: 1, b: 2 }, 'a')],
      escape: [_.escape('<a href="x">&\'</a>'), _.unescape('&lt;b&gt;&amp;')],
      words: _.words('fred, barney, & pebbles'),
      pad: [_.padStart('abc', 6, '_-'), _.padEnd('abc', 6), _.pad('abc', 8)],
      truncate: _.truncate('hi-diddly-ho there, neighborino', { length: 24, separator: /,? +/ }),
      chain: _.chain([1, 2, 3, 4]).map((x) => x * x).filter((x) => x % 2).sum().value(),
      debounceType: typeof _.debounce(() => 0, 10),
      sumBy: _.sumBy([{ n: 4 }, { n: 2 }], 'n'),
      intersection: _.intersectionWith([{ x: 1 }, { x: 2 }], [{ x: 1 }], _.isEqual),
      parseInt: _.map(['6', '08', '10'], _.parseInt),
      toPath: _.toPath('a[0].b["c.d"]'),
    };
  },

  moment() {
    const moment = require(path.resolve(file));
    const m = moment.utc('2024-02-29T13:45:30.123Z');
    return {
      version: moment.version,
      iso: m.toISOString(),
      formats: ['LLLL', 'dddd, MMMM Do YYYY, h:mm:ss a', 'YYYY-[W]WW-E', 'x', 'Qo [quarter]', 'DDDo']
        .map((f) => m.format(f)),
      add: m.clone().add(1, 'year').add(3, 'months').subtract(2, 'days').format(),
      startOf: m.clone().startOf('isoWeek').format(),
      diff: [m.diff(moment.utc('2020-01-01'), 'days'), m.diff(moment.utc('2020-01-01'), 'months', true)],
      from: m.from(moment.utc('2024-06-01')),
      duration: [moment.duration(90061, 'seconds').humanize(), moment.duration('P1Y2M3DT4H5M6S').asHours()],
      parse: moment.utc('31/12/2023 23:59', 'DD/MM/YYYY HH:mm').format(),
      invalid: [moment.utc('not a date', 'YYYY-MM-DD', true).isValid(),
        moment.utc('2023-02-30', 'YYYY-MM-DD', true).invalidAt()],
      calendar: m.calendar(moment.utc('2024-03-01T09:00:00Z')),
      leap: [m.isLeapYear(), moment.utc('2023-01-01').isLeapYear(), m.weeksInYear()],
      locale: moment.locale(),
      unix: m.unix(),
      isBetween: m.isBetween('2024-01-01', '2024-12-31'),
    };
  },

  d3() {
    // Loaded as a classic script: the package says "type": "module", a temp copy does not.
    const d3 = runInContext([file], {}).d3;
    const lin = d3.scaleLinear().domain([0, 10]).range([0, 100]).nice();
    const log = d3.scaleLog().domain([1, 1000]).range([0, 3]);
    const time = d3.scaleUtc().domain([new Date(Date.UTC(2020, 0, 1)), new Date(Date.UTC(2020, 11, 31))]);
    const band = d3.scaleBand().domain(['a', 'b', 'c']).range([0, 300]).padding(0.1);
    const data = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
    const arc = d3.arc().innerRadius(10).outerRadius(50);
    const pie = d3.pie()(data.slice(0, 4));
    const root = d3.hierarchy({ name: 'r', children: [{ name: 'a', v: 1 }, { name: 'b', children: [{ name: 'c', v: 2 }] }] })
      .sum((d) => d.v || 0);
    return {
      version: d3.version,
      linear: [lin(2.5), lin.invert(50), lin.ticks(5), lin.tickFormat(5, '+%')(0.25)],
      log: [log(10), log.ticks().length, log.tickFormat(5)(100)],
      time: time.ticks(6).map((d) => d.toISOString()),
      timeFormat: d3.utcFormat('%A %d %B %Y %H:%M')(new Date(Date.UTC(2021, 4, 6, 7, 8))),
      band: [band('b'), band.bandwidth(), band.step()],
      format: [d3.format(',.2f')(1234567.891), d3.format('.3s')(0.00042), d3.format('$,')(-1e6),
        d3.format('08.3e')(12345)],
      stats: [d3.extent(data), d3.mean(data), d3.median(data), d3.quantile(data.slice().sort(d3.ascending), 0.9),
        d3.deviation(data), d3.bisectLeft([1, 2, 3, 4], 3)],
      color: [d3.color('steelblue').darker(0.5).formatHex(), d3.interpolateRgb('red', 'blue')(0.3),
        d3.hsl('#abcdef').toString(), d3.interpolateViridis(0.5)],
      csv: d3.csvParse('a,b\n1,"x, y"\n2,z'),
      pie: pie.map((p) => [p.startAngle, p.endAngle]),
      arc: arc({ startAngle: 0, endAngle: Math.PI / 2 }),
      line: d3.line().curve(d3.curveCatmullRom)([[0, 0], [1, 2], [2, 1], [3, 3]]),
      hierarchy: root.descendants().map((n) => [n.data.name, n.depth, n.value]),
      shuffleSeeded: d3.shuffler(d3.randomLcg(42))([1, 2, 3, 4, 5, 6]),
      group: Array.from(d3.rollup(data, (v) => v.length, (d) => d % 3)),
      geo: d3.geoPath(d3.geoMercator().scale(100).translate([0, 0]))({
        type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 0]]] }),
    };
  },

  three(THREE) {
    THREE = THREE || require(path.resolve(file));
    const v = new THREE.Vector3(1, 2, 3).applyMatrix4(new THREE.Matrix4().makeRotationY(0.5));
    const q = new THREE.Quaternion().setFromEuler(new THREE.Euler(0.1, 0.2, 0.3, 'XYZ'));
    const q2 = q.clone().slerp(new THREE.Quaternion(), 0.25);
    const m = new THREE.Matrix4().compose(new THREE.Vector3(1, 2, 3), q, new THREE.Vector3(2, 2, 2));
    const box = new THREE.BoxGeometry(1, 2, 3, 2, 2, 2);
    const sphere = new THREE.SphereGeometry(1, 8, 6);
    const sum = (a) => Array.from(a).reduce((x, y) => x + y, 0);
    const color = new THREE.Color().setHSL(0.3, 0.5, 0.4);
    const b3 = new THREE.Box3().setFromBufferAttribute(sphere.getAttribute('position'));
    const curve = new THREE.CatmullRomCurve3([new THREE.Vector3(0, 0, 0), new THREE.Vector3(1, 1, 0),
      new THREE.Vector3(2, 0, 1)]);
    return {
      revision: THREE.REVISION,
      v: v.toArray(),
      q: q2.toArray(),
      m: m.clone().invert().toArray(),
      box: [box.getAttribute('position').count, sum(box.getAttribute('position').array), box.index.count],
      sphere: [sphere.getAttribute('position').count, sum(sphere.getAttribute('normal').array)],
      color: [color.getHexString(), color.getStyle()],
      box3: [b3.min.toArray(), b3.max.toArray()],
      curve: curve.getPoints(4).map((p) => p.toArray()),
      math: [THREE.MathUtils.clamp(5, 0, 3), THREE.MathUtils.smoothstep(0.3, 0, 1),
        THREE.MathUtils.euclideanModulo(-1, 3), THREE.MathUtils.ceilPowerOfTwo(100)],
      uuidLength: THREE.MathUtils.generateUUID().length,
      shaderChunkLength: Object.keys(THREE.ShaderChunk).length,
      shaderChunkSum: sum(Object.values(THREE.ShaderChunk).map((s) => s.length)),
    };
  },

  jquery() {
    const ctx = runInContext([file], {
      document: stub({ nodeType: 9 }),
      navigator: { userAgent: '' },
      location: { href: 'http://example.com/a/b' },
      addEventListener() {},
      removeEventListener() {},
      getComputedStyle: () => stub(),
    });
    const $ = ctx.jQuery;
    const d = $.Deferred();
    const seen = [];
    d.done((x) => seen.push('done ' + x)).always(() => seen.push('always'));
    d.resolve(7);
    const cb = $.Callbacks('once memory');
    cb.add((x) => seen.push('cb ' + x));
    cb.fire(1);
    cb.fire(2);
    return {
      version: $.fn.jquery,
      extend: $.extend(true, { a: { b: 1, l: [1, 2] } }, { a: { c: 2, l: [3] } }),
      param: [$.param({ a: [1, 2], b: 'x y', c: { d: 1 } }), $.param({ a: [1, 2] }, true)],
      map: $.map([1, [2, 3], null, 4], (x) => x),
      grep: $.grep([1, 2, 3, 4, 5], (x) => x % 2, true),
      merge: $.merge([1, 2], [3]),
      inArray: [$.inArray(3, [1, 2, 3]), $.inArray(9, [1])],
      isPlainObject: [$.isPlainObject({}), $.isPlainObject([]), $.isPlainObject(Object.create(null))],
      isEmptyObject: [$.isEmptyObject({}), $.isEmptyObject({ a: 1 })],
      each: (() => { const r = []; $.each({ x: 1, y: 2 }, (k, v) => { r.push(k + v); }); return r; })(),
      makeArray: $.makeArray({ length: 2, 0: 'a', 1: 'b' }),
      parseJSON: JSON.stringify(JSON.parse('{"a":[1,2]}')),
      trim: typeof $.trim === 'function' ? $.trim('  x  ') : null,
      camel: $.camelCase ? $.camelCase('foo-bar') : null,
      deferred: seen,
      support: Object.keys($.support).sort(),
      exprPseudos: Object.keys($.expr.pseudos).sort(),
      escapeSelector: $.escapeSelector('#a.b c'),
    };
  },

  'react-dom'() {
    const ctx = runInContext([extra, file], {});
    const RD = ctx.ReactDOM;
    return {
      version: RD.version,
      keys: Object.keys(RD).sort(),
      types: Object.keys(RD).sort().map((k) => typeof RD[k]),
    };
  },

  'react-dom-server'() {
    const ctx = runInContext([extra, file], { TextEncoder, TextDecoder });
    const React = ctx.React;
    const S = ctx.ReactDOMServer;
    const h = React.createElement;
    function Item(props) { return h('li', { className: props.i % 2 ? 'odd' : 'even', 'data-i': props.i }, 'item ', props.label); }
    function List(props) {
      const [n] = React.useState(props.n);
      const memo = React.useMemo(() => n * 2, [n]);
      return h('section', { style: { marginTop: 4, display: 'flex' } },
        h('h1', null, 'Count: ', memo),
        h('ul', null, Array.from({ length: n }, (_, i) => h(Item, { key: i, i, label: '<b>&"' + i }))),
        h('input', { defaultValue: 'x', readOnly: true }),
        h(React.Fragment, null, h('p', { dangerouslySetInnerHTML: { __html: '<i>raw</i>' } }), null, false, 'tail'));
    }
    return {
      version: S.version,
      markup: S.renderToStaticMarkup(h(List, { n: 3 })),
      string: S.renderToString(h('div', { id: 'a' }, h('span', null, 'x'), 'y', 1)),
    };
  },

  vue() {
    const ctx = runInContext([file], {});
    const Vue = ctx.Vue;
    const state = Vue.reactive({ a: 1, list: [1, 2, 3], nested: { x: 'y' } });
    const double = Vue.computed(() => state.a * 2 + state.list.length);
    const log = [];
    const runner = Vue.effect(() => log.push(state.nested.x + ':' + state.list.join()));
    state.list.push(4);
    state.nested.x = 'z';
    state.a = 5;
    runner.effect.stop();
    const templates = [
      '<div :class="{a: ok}" @click="go(1)">{{ msg.toUpperCase() }}</div>',
      '<ul><li v-for="(x, i) in xs" :key="i" v-if="x > 1">{{ i }}: {{ x }}</li></ul>',
      '<my-comp v-model="val" #default="{ item }"><span v-html="item"></span></my-comp>',
      '<p v-show="shown" style="color: red">a b <!-- c --> {{ `t${1}` }}</p>',
    ];
    const compiled = templates.map((t) => {
      const { code } = Vue.compile ? { code: Vue.compile(t).toString() } : { code: null };
      return code;
    });
    const vnode = Vue.h('div', { id: 'x', class: ['a', { b: true }] }, [Vue.h('span', 'hi')]);
    return {
      version: Vue.version,
      double: double.value,
      log,
      isReactive: [Vue.isReactive(state), Vue.isReactive(Vue.toRaw(state)), Vue.isRef(Vue.ref(1))],
      compiled,
      vnode: [vnode.type, vnode.props, vnode.children.length, vnode.shapeFlag, vnode.patchFlag],
      normalize: [Vue.normalizeClass(['a', { b: true, c: false }]), Vue.normalizeStyle([{ a: 1 }, 'b: 2'])],
      toDisplayString: Vue.toDisplayString({ a: [1, { b: 2 }] }),
    };
  },
};

async function main() {
  if (!batteries[library] && library !== 'three-esm') {
    console.error('unknown library ' + library);
    process.exit(2);
  }
  let result;
  if (library === 'three-esm') {
    const mod = await import(require('url').pathToFileURL(path.resolve(file)).href);
    result = batteries.three(mod);
  } else {
    result = batteries[library]();
  }
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
