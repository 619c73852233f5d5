// Select `words` in a paragraph of the workbench as a mouse would leave it (a DOM range), `inset`
// letters short at both ends (the workbench snaps a selection to whole words), then release the mouse.
// Shared by tests/test_workbench.py and bench/curation.py.
([source, paragraph, words, inset]) => {
  const box = document.querySelector(`.text[data-source="${source}"][data-paragraph="${paragraph}"]`);
  const at = box.textContent.indexOf(words);
  if (at < 0) throw new Error("not in the paragraph: " + words);
  const point = (offset) => {
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const length = walker.currentNode.textContent.length;
      if (offset <= length) return [walker.currentNode, offset];
      offset -= length;
    }
  };
  const range = document.createRange();
  range.setStart(...point(at + inset));
  range.setEnd(...point(at + words.length - inset));
  getSelection().removeAllRanges();
  getSelection().addRange(range);
  box.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
}
