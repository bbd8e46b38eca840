// The sign-in page. Whoever arrives here is signed out: they signed out (from any page), their session ended, or it
// is someone else's turn on a shared phone. The canvassing page's service worker, if this browser has one, forgets
// the turfs it kept for offline use (addresses) and the doors already sent; doors not sent yet stay for their
// canvasser's next sign-in.
(() => {
  'use strict';
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.getRegistration('/terrain/porte-a-porte').then(registration => {
    const worker = registration && registration.active;
    if (worker) worker.postMessage('forget');
  }).catch(() => null);
})();
