// Starts the Scottish Government Design System's components (accordions, side navigation and the
// rest) on every page. A module of our own rather than an inline script: the Content-Security-Policy
// allows scripts from our own origin only (cop_site/headers.py).
import DS from "../vendor/sgds/design-system.js";

DS.initAll();
