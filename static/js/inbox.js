// The inbox's selection: "tick all" ticks the page's rows, and the batch form shows only the
// fields of the chosen action (all of them stay in the page without JavaScript).
(function () {
  const all = document.querySelector("[data-select-all]");
  if (all) {
    const boxes = () => document.querySelectorAll(`input[name="${all.dataset.selectAll}"]`);
    all.addEventListener("change", function () {
      boxes().forEach(function (box) { box.checked = all.checked; });
    });
  }
  const action = document.querySelector("#inbox-batch select[name='action']");
  if (!action) return;
  const parts = document.querySelectorAll("#inbox-batch [data-batch-for]");
  function show() {
    parts.forEach(function (part) {
      const wanted = part.dataset.batchFor.split(" ").includes(action.value);
      part.hidden = !wanted;
    });
  }
  action.addEventListener("change", show);
  show();
})();
