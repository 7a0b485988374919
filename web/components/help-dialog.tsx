import { useI18n, type MessageKey } from '../i18n/index.js';
import { Dialog } from './dialog.js';

const KEYS: [string[], MessageKey][] = [
  [['j'], 'help.next'],
  [['k'], 'help.previous'],
  [['a'], 'help.accept'],
  [['r'], 'help.reject'],
  [['e'], 'help.edit'],
  [['o', 'Enter'], 'help.open'],
  [['/'], 'help.search'],
  [['?'], 'help.help'],
  [['Esc'], 'help.close'],
];

export function HelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Dialog open={open} title={t('help.title')} onClose={onClose} testid="help-dialog">
      <p class="muted">{t('help.explain')}</p>
      <table class="keys-table">
        <tbody>
          {KEYS.map(([keys, label]) => (
            <tr key={label}>
              <td>
                {keys.map((k, i) => (
                  <>
                    {i > 0 ? ' / ' : ''}
                    <kbd>{k}</kbd>
                  </>
                ))}
              </td>
              <td>{t(label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
