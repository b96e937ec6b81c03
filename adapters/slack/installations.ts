/**
 * Bolt's installation store on top of the bot's state store: each workspace
 * (or organisation, for an org-wide install) that installs the app through
 * OAuth is kept under its id, sealed with SLACK_TOKEN_KEY (src/state/seal.ts),
 * so its bot token never sits in the state file or the database in clear.
 */
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { seal, unseal } from '../../src/state/seal';
import type { StateStore } from '../../src/state/store';

const idOf = (q: { isEnterpriseInstall?: boolean; enterpriseId?: string; teamId?: string }): string | undefined => (q.isEnterpriseInstall ? q.enterpriseId : q.teamId);

export class SealedInstallations implements InstallationStore {
  constructor(
    private readonly store: StateStore,
    private readonly key: Buffer,
  ) {}

  async storeInstallation(installation: Installation): Promise<void> {
    const id = installation.isEnterpriseInstall ? installation.enterprise?.id : installation.team?.id;
    if (!id) throw new Error('the installation names neither a workspace nor an organisation');
    await this.store.saveInstallation(id, seal(JSON.stringify(installation), this.key));
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const id = idOf(query);
    const installation = id === undefined ? undefined : await this.open(id);
    if (!installation) throw new Error(`the app is not installed in ${id ?? 'this workspace'}`);
    return installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const id = idOf(query);
    if (id !== undefined) await this.store.deleteInstallation(id);
  }

  /**
   * The bot token of a workspace that installed the app; undefined when it did not. Throws when the
   * store cannot be read (a database that is down) or the installation does not open (SLACK_TOKEN_KEY changed).
   */
  async botToken(teamId: string): Promise<string | undefined> {
    return (await this.open(teamId))?.bot?.token;
  }

  /** A workspace's or organisation's installation, opened; undefined when there is none. */
  private async open(id: string): Promise<Installation | undefined> {
    const sealed = await this.store.installation(id);
    return sealed ? (JSON.parse(unseal(sealed, this.key)) as Installation) : undefined;
  }
}
