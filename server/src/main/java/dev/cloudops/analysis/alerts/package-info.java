/**
 * Anomalies and alerts: a detector that samples every workload once per interval (once per fleet), compares each
 * sample with the workload's own recent baseline, and keeps one alert open per workload and kind until the
 * condition clears; webhooks (generic JSON, DingTalk, Feishu/Lark, WeCom) that alerts are delivered to, with
 * retries and a record of every delivery.
 */
package dev.cloudops.analysis.alerts;
