import { profileDetailsPath } from '../list/profile-columns';

export const STORAGE_PROFILES_PATH = '/virtualization-storage/storage-profiles';
export const profileEditPath = (name: string) => `${profileDetailsPath(name)}/edit`;
