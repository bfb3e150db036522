import { Link, useSearchParams } from 'react-router';
import { Alert, PageHeader } from '@/components/ui/Feedback';

/** The privacy notice: what we keep and why, for how long, who else sees it, and your rights. */
export function PrivacyNoticeRoute() {
  const [params] = useSearchParams();
  return (
    <div className="page page--narrow notice">
      <PageHeader title="Privacy notice" />
      {params.get('deleted') === '1' && (
        <Alert tone="success" title="Your account was deleted.">
          Your data is gone and its key destroyed. Thank you for travelling with Pathavana.
        </Alert>
      )}
      <p>
        Pathavana plans and books trips. This page says what it keeps about you, why, for how long, who else receives it, and how to see, take away or delete
        it. The people who run this Pathavana are responsible for it (the controller).
      </p>

      <h2>What we keep and why</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Data</th>
            <th scope="col">Why</th>
            <th scope="col">Legal basis</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>Email address and password (hashed)</td>
            <td>Your account and sign-in; emails about your account and bookings</td>
            <td>Contract</td>
          </tr>
          <tr>
            <td>Travelers: names, birth dates, passports, contact details</td>
            <td>Booking flights and stays in the travelers' names</td>
            <td>Contract</td>
          </tr>
          <tr>
            <td>Chats, trips, notes</td>
            <td>Planning your trips with you</td>
            <td>Contract</td>
          </tr>
          <tr>
            <td>Bookings: amount, dates, provider reference</td>
            <td>Accounting and tax records</td>
            <td>Legal obligation</td>
          </tr>
          <tr>
            <td>Security records: sign-ins, changes, reads of passport details, with the network address</td>
            <td>Keeping accounts safe; investigating misuse</td>
            <td>Legitimate interest</td>
          </tr>
          <tr>
            <td>Sending your chat messages to the language model</td>
            <td>Better answers from an external AI model</td>
            <td>Your consent (Account page); without it, an assistant on our own server answers</td>
          </tr>
          <tr>
            <td>Marketing emails</td>
            <td>Travel ideas and offers</td>
            <td>Your consent (Account page)</td>
          </tr>
        </tbody>
      </table>
      <p>
        Personal details (travelers, chats, trips, notes, booking passengers) are encrypted with a key of your own before they are stored. Usage figures we
        count carry no user ids, emails or network addresses.
      </p>

      <h2>How long we keep it</h2>
      <ul>
        <li>Your account and what it holds: until you delete it.</li>
        <li>Chats: 90 days after their last message. Chats started before signing in: 30 days after the browser last used them.</li>
        <li>Accounts whose email was never confirmed: 30 days.</li>
        <li>Security records and application logs: 12 months (older security records are kept only as a summary).</li>
        <li>Backups: daily ones for 30 days, monthly ones for 12 months. A deleted account's data in a backup cannot be read: its key is destroyed.</li>
        <li>Bookings after an account is deleted: amount, dates and the provider's reference only, as long as accounting law requires.</li>
        <li>Data downloads: made when you download them and never stored; the link works for 7 days.</li>
      </ul>

      <h2>Who else receives it (processors)</h2>
      <ul>
        <li>
          <strong>The language model provider</strong> (the AI service configured by the people who run this Pathavana): your chat messages and the trip
          details the assistant holds, only with your consent.
        </li>
        <li>
          <strong>The travel provider</strong> (the airline and hotel booking service): the travelers' names, birth dates, passports and contact details of a
          booking, when you book.
        </li>
        <li>
          <strong>The email service</strong>: your email address and the content of the emails we send you (confirmations, booking details).
        </li>
      </ul>

      <h2>Your rights</h2>
      <ul>
        <li>
          See and take away your data: <Link to="/account">Account</Link>, Download your data (one ZIP file, including your trips as calendar files).
        </li>
        <li>
          Delete your account: <Link to="/account">Account</Link>, Delete your account. Bookings still held with a provider are listed first and you choose to
          cancel or keep them.
        </li>
        <li>Give or withdraw consent at any time on the Account page; withdrawing takes effect on your next message.</li>
        <li>Correct your details on the Travelers and Account pages.</li>
        <li>Complain to your data protection authority.</li>
      </ul>

      <h2>If something goes wrong</h2>
      <p>If your data is exposed in a breach that puts you at risk, we tell the authority within 72 hours and tell you without delay.</p>
    </div>
  );
}
