// The sign-in page. Whoever arrives here is signed out: they signed out (from any page), their session ended, or it
// is someone else's turn on a shared phone. The canvassing page's service worker, if this browser has one, forgets
// the turfs it kept for offline use (addresses) and the doors already sent; doors not sent yet stay for their
// canvasser's next sign-in. The account the canvassing page last saw signed in is forgotten too: should the server
// not say who signs in next (a weak signal), her doors must not be written down as the previous person's; and so is
// the last door recorded (an address and its outcome), which only its canvasser may correct.
(() => {
  'use strict';
  try {
    localStorage.removeItem('terrain-porte-a-porte-compte');
    // the last door recorded (its address, its outcome, its canvasser): « Corriger » is for whoever recorded it
    localStorage.removeItem('terrain-porte-a-porte-derniere');
    sessionStorage.removeItem('terrain-porte-a-porte-deconnexion');
  } catch (e) { /* storage refused: nothing kept either */ }
  // the canvassing page left open in another tab still shows its turf: it reloads (and lands here, or on the page
  // of whoever is signed in now)
  if ('BroadcastChannel' in window) new BroadcastChannel('terrain-porte-a-porte').postMessage('signed-out');
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.getRegistration('/terrain/porte-a-porte').then(registration => {
    const worker = registration && registration.active;
    if (worker) worker.postMessage('forget');
  }).catch(() => null);
})();
