// Placeholder so the page builds until this dialog lands (issue 12, in progress); replace the whole file.
const Placeholder = (props: { onClose: () => void; [prop: string]: unknown }) => {
  void props;
  return null;
};
export default Placeholder;
