/**
 * THIRD-PARTY-NOTICES.txt, written into every build (so into both store packages): the licence of
 * each production dependency, i.e. of everything the bundles may contain, read from node_modules
 * by generate-license-file.
 */
import path from 'node:path';
import { getLicenseFileText } from 'generate-license-file';

export const NOTICES_FILE = 'THIRD-PARTY-NOTICES.txt';

export async function thirdPartyNotices(root: string): Promise<string> {
  const licences = await getLicenseFileText(path.join(root, 'package.json'), {
    // DOMPurify is "MPL-2.0 OR Apache-2.0" and ships both texts; we take it under Apache-2.0.
    replace: { dompurify: path.join(root, 'node_modules/dompurify/LICENSE') },
    lineEnding: 'lf',
  });
  return `Gleaner is released under the MIT licence (LICENSE in its repository).\nIt bundles the libraries below, each under its own licence.\n\n${licences}`;
}
