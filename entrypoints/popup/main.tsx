import { render } from 'preact';
import { CLIP_MARKS, markClipStage } from '@/lib/clip-marks';
import { localizeDocument } from '@/lib/i18n';
import App from './App';

markClipStage(CLIP_MARKS.popupScript);
localizeDocument(document, 'popup_title');

render(<App />, document.getElementById('app') as HTMLElement);
