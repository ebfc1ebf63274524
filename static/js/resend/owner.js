// Whose words a form carries (couples/resend/owner.py): as any same-origin POST form of a signed-in page is
// sent, add the page's signed owner token (<meta name="hearth-owner">) as a hidden `_owner`, and the form's own
// labels as `_labels` (JSON: field name to the text of its <label for=...>), so a form Hearth has to give
// back shows the words under their real labels and can only ever be sent again by the person who wrote them.
// A form that already carries them (the "send it again" page's) keeps its own.
const owner = document.querySelector("meta[name=hearth-owner]")?.content;

function hidden(form, name, value) {
  if (form.querySelector(`input[name="${name}"]`)) return; // never twice
  const input = document.createElement("input");
  input.type = "hidden";
  input.name = name;
  input.value = value;
  form.append(input);
}

function labelsOf(form) {
  const labels = {};
  for (const field of form.elements) {
    if (!field.name || field.type === "hidden" || labels[field.name]) continue;
    const label = field.id ? document.querySelector(`label[for="${CSS.escape(field.id)}"]`) : field.closest("label");
    const text = label?.textContent.replace(/\s+/g, " ").trim();
    if (text) labels[field.name] = text.slice(0, 120);
  }
  return labels;
}

function sameOrigin(form) {
  try {
    return new URL(form.action, location.href).origin === location.origin;
  } catch {
    return false;
  }
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!owner || !(form instanceof HTMLFormElement) || form.method.toLowerCase() !== "post" || !sameOrigin(form)) {
    return;
  }
  hidden(form, "_owner", owner);
  const labels = labelsOf(form);
  if (Object.keys(labels).length) hidden(form, "_labels", JSON.stringify(labels));
}, true); // capture: before any page script sends the form itself
