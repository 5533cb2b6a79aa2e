// The accept form says, as the amount is typed, how far it would go beyond the aid's envelope
// (the server checks it again and asks for the reason): #accept-form[data-room] is what remains.
(function () {
  const form = document.getElementById("accept-form");
  const hint = document.getElementById("accept-envelope-hint");
  if (!form || !hint || form.dataset.room === undefined) return;
  const room = Number(form.dataset.room);
  const amount = form.querySelector("[name=accept-amount]");
  const euros = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });
  function typed() {
    const text = amount.value.replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
    return text === "" ? NaN : Number(text);
  }
  function update() {
    const value = typed();
    const beyond = value - room;
    hint.textContent =
      Number.isFinite(beyond) && beyond > 0
        ? `Ce montant dépasse l'enveloppe de ${euros.format(beyond)} : indiquez le motif du dépassement.`
        : "";
  }
  amount.addEventListener("input", update);
  update();
})();
