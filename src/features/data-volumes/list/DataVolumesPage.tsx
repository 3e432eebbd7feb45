// Placeholder during development: replaced by the list page.
const DataVolumesPage = () => null;
export default DataVolumesPage;
