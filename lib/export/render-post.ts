/**
 * The export entry point: PostData + export settings (+ site rules) → where the file goes in the
 * site or vault, its name and its text.
 */

import type { SiteRule } from '../site-rules';
import { renderCustomContent, renderFolder } from './custom-template';
import {
  DEFAULT_EXPORT_SETTINGS,
  PRESET_FOLDERS,
  type CustomTemplate,
  type ExportSettings,
  type PresetId,
} from './export-settings';
import {
  MAX_FILE_NAME_BYTES,
  MAX_FILE_NAME_LENGTH,
  fitBytes,
  obsidianFileStem,
  postFileNameAt,
  safeFileStem,
} from './file-name';
import { pointImageLinks, relativeLink, type PostImage } from './post-images';
import type { PostData } from './post-data';
import { postView, type PostView } from './post-view';
import { hugoContent, jekyllContent, obsidianContent } from './presets';
import { SAMPLE_POST, SPARSE_SAMPLE_POST } from './sample-post';
import { slugify } from './slug';
import { renderTemplate } from './template-engine';
import { templateScope } from './template-scope';
import { formatDay, formatIso } from './zoned-date';

export interface RenderedPost {
  /** Where the file goes inside the site or vault: `_posts/2022-01-12-slug.md`. */
  path: string;
  fileName: string;
  content: string;
  /** The image files that go with the post (by content hash), when it links kept images. */
  images?: ExportedImage[];
}

/** One image file of an export: which stored bytes, and where they go. */
export interface ExportedImage {
  hash: string;
  path: string;
}

export interface RenderOptions {
  /** Paths already used in this export: a colliding name gets `-2`, `-3`… (Obsidian: ` 2`). */
  taken?: Set<string>;
}

const JEKYLL_NAME = /^\d{4}-\d{2}-\d{2}-./;

function nameSafe(preset: PresetId): (stem: string) => string {
  return preset === 'obsidian' ? obsidianFileStem : safeFileStem;
}

/** The `n`th candidate file name (1: as is, 2: with `-2`/` 2`…). */
function fileNameAt(
  view: PostView,
  settings: ExportSettings,
  scope: Record<string, unknown>,
  n: number,
): string {
  const { preset } = settings;
  const pattern = settings.fileNamePattern.trim();
  const suffix = n === 1 ? '' : preset === 'obsidian' ? ` ${n}` : `-${n}`;
  const extension = '.md';
  if (!pattern && (preset === 'jekyll' || preset === 'custom')) {
    return postFileNameAt(formatIso(view.date), view.title, n);
  }
  let stem: string;
  if (!pattern) {
    stem = preset === 'hugo' ? slugify(view.title, 80) : obsidianFileStem(view.title);
  } else {
    stem = nameSafe(preset)(renderFileNamePattern(pattern, scope));
    if (preset === 'jekyll' && !JEKYLL_NAME.test(stem)) {
      // Jekyll ignores a post whose name does not start with its date.
      stem = `${formatDay(view.date)}-${stem || 'untitled'}`;
    }
  }
  if (!stem) stem = preset === 'obsidian' ? 'Untitled' : 'untitled';
  const room = MAX_FILE_NAME_BYTES - suffix.length - extension.length;
  const fitted = nameSafe(preset)(
    fitBytes(stem, room, MAX_FILE_NAME_LENGTH - suffix.length - extension.length),
  );
  return `${fitted}${suffix}${extension}`;
}

function renderFileNamePattern(pattern: string, scope: Record<string, unknown>): string {
  try {
    return renderTemplate(pattern, scope).replace(/\.md$/i, '');
  } catch (error) {
    throw new Error(`File name: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

function folderOf(settings: ExportSettings, scope: Record<string, unknown>): string {
  if (settings.preset === 'custom')
    return renderFolder(settings.custom.folder, scope, safeFileStem);
  return PRESET_FOLDERS[settings.preset];
}

/** A kept image of the post with where its file goes in the site or vault. */
type PlacedImage = PostImage & { path: string };

/** Obsidian resolves `![[name]]` across the whole vault: the hash makes each name unique there. */
function vaultName(image: PostImage): string {
  const dot = image.name.lastIndexOf('.');
  const short = image.hash.slice(0, 8);
  if (image.name.startsWith(short)) return image.name;
  return `${image.name.slice(0, dot)}-${short}${image.name.slice(dot)}`;
}

/**
 * Where a post's images go: Jekyll `assets/images/<yyyy-mm-dd>-<slug>/` (the post's file name, so
 * two posts of one slug on other days never share a folder), Hugo the page bundle's folder,
 * Obsidian the attachments folder, a custom template its image folder ('' keeps them remote).
 */
function imageFilesOf(
  settings: ExportSettings,
  scope: Record<string, unknown>,
  path: string,
  fileName: string,
  images: readonly PostImage[],
): PlacedImage[] {
  if (!images.length) return [];
  switch (settings.preset) {
    case 'jekyll': {
      const post = fileName.replace(/\.md$/, '');
      return images.map((image) => ({ ...image, path: `assets/images/${post}/${image.name}` }));
    }
    case 'hugo': {
      const folder = path.slice(0, path.lastIndexOf('/'));
      return images.map((image) => ({ ...image, path: `${folder}/${image.name}` }));
    }
    case 'obsidian': {
      const folder = renderFolder(settings.attachments.folder, {}, obsidianFileStem);
      const at = (name: string) => (folder ? `${folder}/${name}` : name);
      return images.map((image) => ({ ...image, path: at(vaultName(image)) }));
    }
    case 'custom': {
      const folder = renderFolder(settings.custom.imageFolder, scope, safeFileStem);
      return folder ? images.map((image) => ({ ...image, path: `${folder}/${image.name}` })) : [];
    }
  }
}

function contentOf(
  view: PostView,
  settings: ExportSettings,
  scope: Record<string, unknown>,
  postPath: string,
  images: readonly PlacedImage[],
) {
  switch (settings.preset) {
    case 'jekyll':
      return jekyllContent(
        view,
        images.map((image) => ({ url: image.url, sitePath: `/${image.path}` })),
      );
    case 'hugo':
      return hugoContent(view, images);
    case 'obsidian': {
      const wiki = settings.attachments.links === 'wikilink';
      return obsidianContent(
        view,
        images.map((image) => ({
          url: image.url,
          embed: wiki ? `![[${image.path.slice(image.path.lastIndexOf('/') + 1)}]]` : null,
          link: relativeLink(postPath, image.path),
        })),
      );
    }
    case 'custom': {
      // Linked from the site's root, as a static site serves `assets/…`; the template also gets
      // the folder and each image's path, to link them its own way.
      // Every image sits in the one image folder (imageFilesOf).
      const first = images[0]?.path;
      const folder = first ? first.slice(0, first.lastIndexOf('/')) : null;
      return renderCustomContent(settings.custom, {
        ...scope,
        content: pointImageLinks(
          view.content,
          images.map((image) => ({ url: image.url, link: `/${image.path}` })),
        ),
        image_folder: folder,
        images: images.map((image) => ({ url: image.url, name: image.name, path: image.path })),
      });
    }
  }
}

/**
 * Renders one post. Throws an Error with a readable message when the data cannot be exported (a
 * date without an offset) or a custom template fails on this article.
 */
export function renderPost(
  data: PostData,
  settings: ExportSettings = DEFAULT_EXPORT_SETTINGS,
  siteRules: readonly SiteRule[] = [],
  options: RenderOptions = {},
): RenderedPost {
  const view = postView(data, settings, siteRules);
  const scope = templateScope(view);
  const folder = folderOf(settings, scope);
  const images = data.images ?? [];
  // A Hugo post with images is a page bundle: `<slug>/index.md`, the images beside it.
  const bundle = settings.preset === 'hugo' && images.length > 0;
  for (let n = 1; ; n++) {
    const fileName = fileNameAt(view, settings, scope, n);
    const file = bundle ? `${fileName.replace(/\.md$/, '')}/index.md` : fileName;
    const path = folder ? `${folder}/${file}` : file;
    if (options.taken?.has(path)) continue;
    options.taken?.add(path);
    const files = imageFilesOf(settings, scope, path, fileName, images);
    const content = contentOf(view, settings, scope, path, files);
    const exported = files.map(({ hash, path: imagePath }) => ({ hash, path: imagePath }));
    return { path, fileName, content, ...(exported.length ? { images: exported } : {}) };
  }
}

export type TemplateCheck = { ok: true } | { ok: false; error: string };

function check(run: () => void): TemplateCheck {
  try {
    run();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Renders the template against the built-in sample article (every variable filled in) and a
 * sparse one (no author, no published date, no tags): an unknown variable or filter, a syntax
 * error, a date field that does not give a date… comes back as a readable error.
 */
export function validateTemplate(template: CustomTemplate): TemplateCheck {
  const settings: ExportSettings = {
    ...DEFAULT_EXPORT_SETTINGS,
    preset: 'custom',
    custom: template,
  };
  return check(() => {
    if (template.fields.length > 100) throw new Error('A template holds at most 100 fields.');
    for (const sample of [SAMPLE_POST, SPARSE_SAMPLE_POST]) renderPost(sample, settings);
  });
}

/** Checks a file-name pattern for a preset the same way; Jekyll's must start with the date. */
export function validateFileNamePattern(pattern: string, preset: PresetId): TemplateCheck {
  if (!pattern.trim()) return { ok: true };
  return check(() => {
    for (const sample of [SAMPLE_POST, SPARSE_SAMPLE_POST]) {
      const view = postView(sample, DEFAULT_EXPORT_SETTINGS);
      const stem = nameSafe(preset)(renderFileNamePattern(pattern, templateScope(view)));
      if (!stem) throw new Error('File name: the pattern gives an empty name');
      if (preset === 'jekyll' && !JEKYLL_NAME.test(stem)) {
        throw new Error(
          `File name: Jekyll only reads posts named YYYY-MM-DD-…; this pattern gives "${stem}" (start it with {{ date | date: "%Y-%m-%d" }}-)`,
        );
      }
    }
  });
}

/** A preview for the options page: the sample (or a saved article) in these settings, or the error. */
export function previewPost(
  data: PostData,
  settings: ExportSettings,
  siteRules: readonly SiteRule[] = [],
): { ok: true; post: RenderedPost } | { ok: false; error: string } {
  try {
    return { ok: true, post: renderPost(data, settings, siteRules) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
