// Marks the page as having JavaScript before it is drawn, so .js-only controls show and no-js
// fallbacks hide without a flash. Loaded in <head> without defer; it is a file, not an inline
// script, because the Content-Security-Policy allows scripts from our own origin only
// (cop_site/headers.py).
document.documentElement.classList.replace("no-js", "js");
