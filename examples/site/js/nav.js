/*
 * Small-screen navigation: the "Menu" button opens and closes the link list.
 * Small enough for js-inline to put it into each page.
 */
(function () {
  'use strict';
  var nav = document.getElementById('nav');
  if (!nav) {
    return;
  }
  var toggle = nav.querySelector('.nav-toggle');
  if (!toggle) {
    return;
  }
  toggle.addEventListener('click', function () {
    var open = nav.classList.toggle('open');
    toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
  });
  // Close the menu again when a link in it is followed on the same page.
  nav.addEventListener('click', function (event) {
    if (event.target && event.target.tagName === 'A') {
      nav.classList.remove('open');
      toggle.setAttribute('aria-expanded', 'false');
    }
  });
})();
