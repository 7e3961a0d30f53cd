import { AppConfig } from '@jipp/core';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { EmailContent } from './email-texts';

/**
 * Sends the platform's e-mails through the SMTP server of SMTP_URL, from MAIL_FROM. Without
 * SMTP_URL each e-mail is logged as skipped (development, most tests).
 */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private readonly logger = new Logger(Mailer.name);
  private readonly transport?: Transporter;
  private readonly from: string;

  constructor(config: AppConfig) {
    const url = config.get('SMTP_URL');
    this.from = config.get('MAIL_FROM');
    if (url) this.transport = createTransport(url);
  }

  /** Sends one e-mail; false when skipped (no SMTP_URL). Throws when the server refuses it. */
  async send(to: string, content: EmailContent): Promise<boolean> {
    if (!this.transport) {
      this.logger.debug(`e-mail skipped (no SMTP_URL): "${content.subject}"`);
      return false;
    }
    await this.transport.sendMail({ from: this.from, to, ...content });
    return true;
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
