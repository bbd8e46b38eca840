// The signed-in user and the session's CSRF token, for every page: fills the user's name and the
// hidden _csrf fields of forms (logout), and exposes terrainSession for scripts that POST.
window.terrainSession = fetch('/api/me', {headers: {Accept: 'application/json'}})
  .then(r => r.ok ? r.json() : null)
  .catch(() => null)
  .then(me => {
    if (me) {
      for (const input of document.querySelectorAll('input[name=_csrf]')) input.value = me.csrfToken || '';
      for (const el of document.querySelectorAll('[data-user]')) el.textContent = me.name + ' (' + me.role + ')';
    }
    return me;
  });
