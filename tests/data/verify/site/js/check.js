// Logs a console error when the theme stylesheet did not apply, so verify sees a new console
// error on a page that lost it (besides the pixels).
(function () {
  var banner = document.querySelector('header.banner');
  var color = banner ? getComputedStyle(banner).backgroundColor : '';
  if (color !== 'rgb(20, 60, 140)') {
    console.error('theme.css missing: banner is ' + color);
  }
})();
