// The time zone a suggested check-in is in: this device's own (IANA name), unless the field holds one already.
// Without this script the field stays empty, and an empty zone means UTC.
const field = document.getElementById("timezone");
if (field && !field.value) {
  try {
    field.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch {
    // an old browser: leave it empty
  }
}
