// Placeholder during development: replaced by the details page.
const DataVolumeDetailsPage = () => null;
export default DataVolumeDetailsPage;
