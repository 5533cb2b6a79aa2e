// Spreadsheet-like keyboard moves in the cash-flow grid: arrows and Enter go to the next cell.
document.addEventListener("keydown", function (event) {
  const cell = event.target;
  if (!cell.classList || !cell.classList.contains("aidess-cell")) return;
  const row = Number(cell.dataset.row), col = Number(cell.dataset.col);
  const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], Enter: [1, 0] };
  if (event.key === "ArrowLeft" && cell.selectionStart === 0) moves.ArrowLeft = [0, -1];
  if (event.key === "ArrowRight" && cell.selectionEnd === cell.value.length) moves.ArrowRight = [0, 1];
  const move = moves[event.key];
  if (!move) return;
  const next = document.querySelector(
    `.aidess-cell[data-row="${row + move[0]}"][data-col="${col + move[1]}"]`
  );
  if (next) {
    event.preventDefault();
    next.focus();
    next.select();
  }
});

// Another length reloads the plan with as many month columns (here, not in an onchange attribute:
// the Content-Security-Policy allows no inline script).
const months = document.getElementById("months");
if (months) {
  months.addEventListener("change", function () {
    months.form.requestSubmit();
  });
}
