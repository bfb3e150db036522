output "budget_name" {
  description = "The budget's name."
  value       = aws_budgets_budget.this.name
}

output "anomaly_monitor_arn" {
  description = "The Cost Anomaly Detection monitor of the environment."
  value       = aws_ce_anomaly_monitor.this.arn
}
