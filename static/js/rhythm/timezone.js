// This device's own time zone (IANA name, as Intl.DateTimeFormat knows it), put into the empty boxes that ask
// for it: the zone of a suggested check-in (#timezone), and every field marked data-browser-zone (the forms
// that sign someone in, the account page's time zone). A box that holds a zone already is left as it is.
// Without this script the boxes stay empty: an empty check-in zone means UTC, an empty sign-in zone nothing.
let zone = "";
try {
  zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
} catch {
  // an old browser: leave them empty
}
for (const field of document.querySelectorAll("#timezone, input[data-browser-zone]")) {
  if (zone && !field.value) field.value = zone;
}
