/**
 * Reads Outlook Connection Status tables (DESIGN.md §4) and says what they show. Pure: no I/O.
 *
 * <p>{@link dev.mapiagent.outlook.status.ConnectionStatusParser#parse} reads the text;
 * {@link dev.mapiagent.outlook.status.ConnectionStatusAssessment#assess} turns the rows into a protocol,
 * a verdict and findings. Decisions a reader of the code should know:
 * <ul>
 *   <li>Dialect, per table: a header with a column only Outlook's dialog has (CID, Status, Authn, Proxy
 *       Server, ...) is {@code OUTLOOK}. A header of runbook columns only (Server Name, Conn, Type,
 *       Protocol, Req/Fail) is {@code RUNBOOK}, unless its Conn cells name a transport (HTTPS, TCP) and
 *       none says OK/Disc or MAPI/HTTP. {@code MAPI/HTTP} and {@code RPC/HTTP} mean the same in both;
 *       a bare {@code HTTP} is MAPI over HTTP in the dialog and the RPC over HTTP fallback in the runbook.</li>
 *   <li>Connection state (dialog: Status, runbook: Conn): Established/OK are connected;
 *       Disc/Disconnected/Connecting/Reconnecting/Trying to connect/Failed/Offline/Closed are not;
 *       any other text leaves it unknown (null), so an unfamiliar word never raises an error.</li>
 *   <li>Aligned tables are read by position: a cell starts where its column name starts in the header
 *       and may hold single spaces ({@code Clear [Anonymous]}); a cell starting left of its column name
 *       is read as part of the previous column.</li>
 * </ul>
 */
package dev.mapiagent.outlook.status;
